// ESLint flat config: type-checked rules, Prettier owns formatting, and the layering of
// DESIGN.md is enforced with no-restricted-imports (dependencies point downwards only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Codecs are pure: no sockets, no files, no logging, no domain code.
const codecFolders = [
  'smb2/messages',
  'rpc/pdu',
  'rpc/ndr',
  'rpc/rprn/messages',
  'rpc/rprn/structures',
  'rpc/lsarpc/messages',
  'rpc/samr/messages',
  'rpc/winreg/messages',
  'common/binary',
];
const codecPaths = [
  { name: 'node:net', message: 'Codecs do no I/O.' },
  { name: 'node:fs', message: 'Codecs do no I/O.' },
  { name: 'fs-extra', message: 'Codecs do no I/O.' },
  { name: 'winston', message: 'Codecs do not log.' },
];
const codecPatterns = [
  {
    group: ['**/spooler', '**/spooler/**', '**/client/**', '**/cli/**', '**/devices', '**/devices/**'],
    message: 'Codecs import no domain code.',
  },
];

// lib/web is matched as a path up to lib/ (`../web`, `../../web/x`), so that the devices' own
// web/ folder (lib/devices/web, their embedded pages) is not taken for it.
const forbidPatterns = (folder, forbidden) =>
  forbidden.map((f) => ({
    ...(f === 'web' ? { regex: '^(\\.\\./)+web(/|$)' } : { group: [`**/${f}`, `**/${f}/**`] }),
    message: `lib/${folder} may not import lib/${f} (DESIGN.md layering).`,
  }));

// One rule entry per file: a folder's layering, plus the codec rule when the folder is (or holds) a
// codec, so neither replaces the other (flat config keeps only the last entry of a rule).
const layer = (folder, forbidden) => {
  const codecsBelow = codecFolders.filter((c) => c === folder || c.startsWith(`${folder}/`));
  const plain = {
    files: [`lib/${folder}/**/*.ts`],
    ignores: codecsBelow.map((c) => `lib/${c}/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: forbidPatterns(folder, forbidden) }] },
  };
  const codecs = codecsBelow.map((c) => ({
    files: [`lib/${c}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: codecPaths, patterns: [...forbidPatterns(c, forbidden), ...codecPatterns] },
      ],
    },
  }));
  return [plain, ...codecs];
};

const upper = ['cli', 'testing', 'host', 'web'];
const domain = ['spooler', 'client', 'validate', 'devices'];
const wire = ['smb2', 'rpc'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'drivers-store/**',
      'registry-fixtures/**',
      // Sample and fixture Point-and-Print modules are plain CommonJS that users copy.
      'examples/**',
      'tests/fixtures/**',
      '*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-process-exit': 'off',
    },
  },
  ...layer('common', ['auth', 'spoolss', 'registry', 'drivers', 'point-and-print', ...domain, ...wire, ...upper]),
  ...layer('auth', ['spoolss', 'registry', 'drivers', 'point-and-print', ...domain, ...wire, ...upper]),
  ...layer('spoolss', ['auth', 'registry', 'drivers', 'point-and-print', ...domain, ...wire, ...upper]),
  ...layer('registry', ['drivers', 'point-and-print', ...domain, ...wire, ...upper]),
  ...layer('drivers', ['point-and-print', ...domain, ...wire, ...upper]),
  ...layer('point-and-print', [...domain, ...wire, ...upper]),
  ...layer('devices', ['point-and-print', 'spooler', 'client', 'validate', ...wire, ...upper]),
  ...layer('spooler', ['client', 'validate', ...wire, ...upper]),
  ...layer('client', ['devices', 'smb2/messages', 'smb2/server', 'rpc/pdu', 'rpc/ndr', 'validate', ...upper]),
  ...layer('validate', ['devices', ...wire, ...upper]),
  ...layer('smb2', ['spooler', 'devices', 'rpc', 'point-and-print', 'validate', ...upper]),
  ...layer('rpc', ['spooler', 'devices', 'smb2', 'validate', ...upper]),
  // The live view reads the spooler through lib/spoolss's provider and the spooler's status parts.
  ...layer('web', [
    'auth',
    'registry',
    'drivers',
    'point-and-print',
    'client',
    'validate',
    ...wire,
    'cli',
    'testing',
    'host',
  ]),
  ...layer('host', ['cli', 'testing']),
  ...layer('testing', ['cli']),
  {
    files: ['lib/**/*.ts'],
    rules: { 'no-console': 'error', 'no-restricted-properties': ['error', { object: 'process', property: 'exit' }] },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
