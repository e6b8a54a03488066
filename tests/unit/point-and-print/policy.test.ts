import { ConfigError } from '../../../lib/common/errors';
import type { CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import type { CopyFilesKey } from '../../../lib/point-and-print/copy-files-key';
import {
  DEFAULT_POINT_AND_PRINT_POLICY,
  PACKAGE_POINT_AND_PRINT_POLICY_KEY,
  evaluateCopyFilesPolicy,
  evaluateDriverInstallPolicy,
  policyFromConfig,
  policyFromRegistry,
} from '../../../lib/point-and-print/policy';
import { regDword, regSz } from '../../../lib/common/reg-value';
import { POINT_AND_PRINT_POLICY_KEY, POLICIES_PRINTERS_KEY, Registry } from '../../../lib/registry/registry-key';

const icmKey: CopyFilesKey = {
  keyName: 'CopyFiles\\ICM',
  component: 'ICM',
  directory: 'Color',
  files: ['a.icm'],
  module: 'mscms.dll',
};

describe('policyFromRegistry', () => {
  it('an empty registry gives Windows current defaults', () => {
    expect(policyFromRegistry(new Registry())).toEqual(DEFAULT_POINT_AND_PRINT_POLICY);
    expect(DEFAULT_POINT_AND_PRINT_POLICY).toMatchObject({
      copyFilesPolicy: 1,
      restrictDriverInstallationToAdministrators: true,
      noWarningNoElevationOnInstall: false,
      updatePromptSettings: 0,
    });
  });

  it('reads the policy values', () => {
    const r = new Registry();
    r.createKey(POLICIES_PRINTERS_KEY).setValue(regDword('CopyFilesPolicy', 2));
    const pnp = r.createKey(POINT_AND_PRINT_POLICY_KEY);
    pnp.setValue(regDword('RestrictDriverInstallationToAdministrators', 0));
    pnp.setValue(regDword('NoWarningNoElevationOnInstall', 1));
    pnp.setValue(regDword('UpdatePromptSettings', 2));
    pnp.setValue(regDword('TrustedServers', 1));
    pnp.setValue(regSz('ServerList', 'print1.corp.example;print2.corp.example'));
    r.createKey(PACKAGE_POINT_AND_PRINT_POLICY_KEY).setValue(regDword('PackagePointAndPrintOnly', 1));
    expect(policyFromRegistry(r)).toEqual({
      copyFilesPolicy: 2,
      restrictDriverInstallationToAdministrators: false,
      noWarningNoElevationOnInstall: true,
      updatePromptSettings: 2,
      trustedServers: ['print1.corp.example', 'print2.corp.example'],
      packagePointAndPrintOnly: true,
    });
  });

  it('out-of-range or mistyped values fall back to the defaults', () => {
    const r = new Registry();
    r.createKey(POLICIES_PRINTERS_KEY).setValue(regDword('CopyFilesPolicy', 7));
    r.createKey(POINT_AND_PRINT_POLICY_KEY).setValue(regSz('RestrictDriverInstallationToAdministrators', '0'));
    expect(policyFromRegistry(r)).toEqual(DEFAULT_POINT_AND_PRINT_POLICY);
  });
});

describe('policyFromConfig', () => {
  it('overrides the defaults', () => {
    expect(policyFromConfig({ copyFilesPolicy: 2 })).toEqual({ ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 });
    expect(policyFromConfig(undefined)).toBe(DEFAULT_POINT_AND_PRINT_POLICY);
  });
  it.each([
    { copyFilesPolicy: 3 },
    { restrictDriverInstallationToAdministrators: 'no' },
    { bogus: 1 },
    { trustedServers: 'a' },
    5,
  ])('refuses %p', (c) => expect(() => policyFromConfig(c)).toThrow(ConfigError));
});

describe('evaluateCopyFilesPolicy', () => {
  const p = (copyFilesPolicy: CopyFilesPolicy) => ({ ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy });
  it('0 refuses everything, 2 allows everything', () => {
    expect(evaluateCopyFilesPolicy(p(0), icmKey).allowed).toBe(false);
    expect(evaluateCopyFilesPolicy(p(2), { ...icmKey, component: 'Vendor', module: 'evil.dll' }).allowed).toBe(true);
  });
  it('1 allows the colour-profile scheme, case-insensitively', () => {
    expect(evaluateCopyFilesPolicy(p(1), icmKey)).toMatchObject({ allowed: true });
    expect(
      evaluateCopyFilesPolicy(p(1), { ...icmKey, component: 'icm', directory: 'COLOR', module: 'MSCMS.DLL' }).allowed,
    ).toBe(true);
  });
  it.each([
    [{ component: 'Vendor' }, 'CopyFiles\\Vendor'],
    [{ directory: 'Vendor' }, 'Directory is "Vendor"'],
    [{ module: 'pathshift.dll' }, 'Module is "pathshift.dll"'],
    [{ module: undefined }, 'no Module'],
  ])('1 refuses %p and says why', (change, why) => {
    const key = { ...icmKey, ...change };
    const out = evaluateCopyFilesPolicy(p(1), key);
    expect(out.allowed).toBe(false);
    expect(out.reason).toContain(why);
  });
});

describe('evaluateDriverInstallPolicy', () => {
  const d = DEFAULT_POINT_AND_PRINT_POLICY;
  it('defaults: administrators only, unless the driver is already installed', () => {
    expect(evaluateDriverInstallPolicy(d, false, false)).toMatchObject({ allowed: false });
    expect(evaluateDriverInstallPolicy(d, true, false)).toMatchObject({ allowed: true });
    expect(evaluateDriverInstallPolicy(d, false, true)).toMatchObject({ allowed: true });
  });
  it('with the restriction off, the Point and Print Restrictions prompts decide', () => {
    const open = { ...d, restrictDriverInstallationToAdministrators: false };
    expect(evaluateDriverInstallPolicy(open, false, false).allowed).toBe(false);
    expect(evaluateDriverInstallPolicy({ ...open, noWarningNoElevationOnInstall: true }, false, false).allowed).toBe(
      true,
    );
    expect(
      evaluateDriverInstallPolicy({ ...open, updatePromptSettings: 1 }, false, true, { isUpdate: true }).allowed,
    ).toBe(true);
    expect(evaluateDriverInstallPolicy(open, false, true, { isUpdate: true }).allowed).toBe(false);
  });
  it('trusted servers and package-only', () => {
    const open = {
      ...d,
      restrictDriverInstallationToAdministrators: false,
      noWarningNoElevationOnInstall: true,
      trustedServers: ['NTPRINT'],
    };
    expect(evaluateDriverInstallPolicy(open, false, false, { serverName: 'ntprint' }).allowed).toBe(true);
    expect(evaluateDriverInstallPolicy(open, false, false, { serverName: 'EVIL' }).allowed).toBe(false);
    expect(
      evaluateDriverInstallPolicy({ ...d, packagePointAndPrintOnly: true }, true, false, { packageAware: false })
        .allowed,
    ).toBe(false);
  });
});
