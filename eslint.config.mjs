// ESLint flat config: type-checked rules, Prettier owns formatting, and the layering of
// DESIGN.md is enforced with no-restricted-imports (dependencies point downwards only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const layer = (folder, forbidden, extra = []) => ({
  files: [`lib/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((f) => ({
            group: [`**/${f}`, `**/${f}/**`],
            message: `lib/${folder} may not import lib/${f} (DESIGN.md layering).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

// Pure codecs: no sockets, no files, no logging.
const codecRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'node:net', message: 'Codecs do no I/O.' },
        { name: 'node:fs', message: 'Codecs do no I/O.' },
        { name: 'fs-extra', message: 'Codecs do no I/O.' },
        { name: 'winston', message: 'Codecs do not log.' },
      ],
      patterns: [
        {
          group: ['**/spooler', '**/spooler/**', '**/client/**', '**/cli/**'],
          message: 'Codecs import no domain code.',
        },
      ],
    },
  ],
};

const upper = ['cli', 'testing', 'host'];

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
  layer('common', ['registry', 'drivers', 'point-and-print', 'spooler', 'client', 'smb2', 'rpc', 'validate', ...upper]),
  layer('registry', ['drivers', 'point-and-print', 'spooler', 'client', 'smb2', 'rpc', 'validate', ...upper]),
  layer('drivers', ['point-and-print', 'spooler', 'client', 'smb2', 'rpc', 'validate', ...upper]),
  layer('point-and-print', ['spooler', 'client', 'smb2', 'rpc', 'validate', ...upper]),
  layer('spooler', ['client', 'smb2', 'rpc', 'validate', ...upper]),
  layer('client', ['smb2/messages', 'smb2/server', 'rpc/pdu', 'rpc/ndr', 'validate', ...upper]),
  layer('validate', ['smb2', 'rpc', ...upper]),
  layer('smb2', ['spooler', 'rpc', 'point-and-print', 'validate', ...upper]),
  layer('rpc', ['smb2', 'validate', ...upper]),
  layer('host', ['cli', 'testing']),
  layer('testing', ['cli']),
  {
    files: ['lib/smb2/messages/**/*.ts', 'lib/rpc/pdu/**/*.ts', 'lib/rpc/ndr/**/*.ts', 'lib/common/binary/**/*.ts'],
    rules: codecRules,
  },
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
