import { ConfigError } from '../../../lib/common/errors';
import { regDword, regMultiSz, regSz } from '../../../lib/common/reg-value';
import {
  DEFAULT_POINT_AND_PRINT_POLICY,
  evaluateLegacyFallback,
  evaluatePackagePointAndPrint,
  PACKAGE_POINT_AND_PRINT_POLICY_KEY,
  PACKAGE_POINT_AND_PRINT_SERVERS_KEY,
  policyFromConfig,
  policyFromRegistry,
} from '../../../lib/point-and-print/policy';
import { Registry } from '../../../lib/registry/registry-key';

const d = DEFAULT_POINT_AND_PRINT_POLICY;

describe('Package Point and Print policies', () => {
  it('reads "Package Point and print - Approved servers" from the registry, its list as the ADMX writes it', () => {
    const r = new Registry();
    r.createKey(PACKAGE_POINT_AND_PRINT_POLICY_KEY).setValue(regDword('PackagePointAndPrintServerList', 1));
    const list = r.createKey(PACKAGE_POINT_AND_PRINT_SERVERS_KEY);
    list.setValue(regSz('1', 'ntprint.corp.example'));
    list.setValue(regSz('2', ' NTPRINT '));
    list.setValue(regMultiSz('more', ['print3']));
    expect(policyFromRegistry(r).packagePointAndPrintServerList).toEqual(['ntprint.corp.example', 'NTPRINT', 'print3']);
  });

  it('a list without the policy switched on restricts nothing', () => {
    const r = new Registry();
    r.createKey(PACKAGE_POINT_AND_PRINT_SERVERS_KEY).setValue(regSz('1', 'other'));
    expect(policyFromRegistry(r)).toEqual(d);
    r.createKey(PACKAGE_POINT_AND_PRINT_POLICY_KEY).setValue(regDword('PackagePointAndPrintServerList', 0));
    expect(policyFromRegistry(r)).toEqual(d);
  });

  it('reads the list from a client config and refuses a bad one', () => {
    expect(policyFromConfig({ packagePointAndPrintServerList: ['NTPRINT'] }).packagePointAndPrintServerList).toEqual([
      'NTPRINT',
    ]);
    expect(() => policyFromConfig({ packagePointAndPrintServerList: 'NTPRINT' })).toThrow(ConfigError);
  });

  it('allows any server when not configured, and names the server when it decides', () => {
    expect(evaluatePackagePointAndPrint(d, 'NTPRINT')).toEqual({
      allowed: true,
      reason: 'PackagePointAndPrintServerList not configured: package Point and Print to any server',
    });
    expect(evaluatePackagePointAndPrint({ ...d, packagePointAndPrintServerList: ['ntprint'] }, 'NTPRINT')).toEqual({
      allowed: true,
      reason: 'PackagePointAndPrintServerList 1: NTPRINT is an approved server',
    });
    expect(
      evaluatePackagePointAndPrint({ ...d, packagePointAndPrintServerList: ['print2', 'print3'] }, 'NTPRINT'),
    ).toEqual({
      allowed: false,
      reason: 'PackagePointAndPrintServerList 1: NTPRINT is not an approved server (print2, print3)',
    });
    expect(evaluatePackagePointAndPrint({ ...d, packagePointAndPrintServerList: [] }, 'NTPRINT').reason).toMatch(
      /none listed/,
    );
  });

  it('falls back to the legacy copy unless PackagePointAndPrintOnly', () => {
    expect(evaluateLegacyFallback(d).allowed).toBe(true);
    expect(evaluateLegacyFallback({ ...d, packagePointAndPrintOnly: true })).toEqual({
      allowed: false,
      reason: 'PackagePointAndPrintOnly 1: non-package Point and Print is not allowed',
    });
  });
});
