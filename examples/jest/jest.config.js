// How a project that depends on pointprint would run the example; here `pointprint` maps to this
// repository's build (npm run build).
const path = require('node:path');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.js'],
  moduleNameMapper: { '^pointprint$': path.join(__dirname, '..', '..', 'dist', 'lib', 'index.js') },
};
