/**
 * The FormInfo a FORM_CONTAINER carries (AddForm, SetForm — [MS-RPRN] 2.2.1.2.10): level 1
 * FORM_INFO_1 or level 2 RPC_FORM_INFO_2, whose first fields are FORM_INFO_1's. A NULL pName is
 * ERROR_INVALID_PARAMETER; a level other than 1 or 2 ERROR_INVALID_LEVEL.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { FormInfo } from '../../../spoolss/types';
import { recordFields } from '../../ndr/record-fields';
import type { LevelContainer } from './containers';

export function formFromContainer(container: LevelContainer): FormInfo | number {
  if (container.level !== 1 && container.level !== 2) return Win32ErrorCode.ERROR_INVALID_LEVEL;
  if (container.info === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
  const v = recordFields(container.info);
  const name = v.optionalString('pName');
  if (name === undefined) return Win32ErrorCode.ERROR_INVALID_PARAMETER;
  return {
    flags: v.number('Flags'),
    name,
    width: v.number('cx'),
    height: v.number('cy'),
    imageableArea: {
      left: v.number('left'),
      top: v.number('top'),
      right: v.number('right'),
      bottom: v.number('bottom'),
    },
  };
}
