/**
 * How many pages a RAW job holds, for the emulated device's timing and the 307 event.
 * A submitter that framed its pages with StartPagePrinter/EndPagePrinter told the spooler (the
 * job's TotalPages) and that count wins. Otherwise the data is read as a printer would read
 * plain text or PCL: each form feed (0x0C) ends a page, and trailing data after the last form
 * feed (other than line ends) is one more page; an empty job is one (blank) page. PCL's own page ejects are form feeds
 * too, so PCL 5 jobs count right; PostScript and PCL XL are counted as one page per form feed
 * found, which is a knowing approximation.
 */
const FORM_FEED = 0x0c;
/** PJL's Universal Exit Language, the wrapper a language monitor puts around jobs. */
const UEL = Buffer.from('\x1b%-12345X', 'latin1');

export function countPages(data: Buffer, declaredPages = 0): number {
  if (declaredPages > 0) return declaredPages;
  let feeds = 0;
  let last = -1;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === FORM_FEED) {
      feeds++;
      last = i;
    }
  }
  let tail = data.subarray(last + 1);
  if (tail.indexOf(UEL) === 0) tail = tail.subarray(UEL.length);
  // Line ends after the last form feed do not make a page.
  const tailHasContent = tail.some((b) => b !== 0x0d && b !== 0x0a && b !== 0x20);
  return Math.max(1, feeds + (tailHasContent ? 1 : 0));
}
