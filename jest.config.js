// Three tiers: unit specs beside the code, integration specs (*.int-spec.ts) on the real services,
// end-to-end specs in test/ against the built api and worker.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/]/g, '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // ES-module-only packages (commander 15; hyparquet, the specs' independent Parquet reader) are compiled to CommonJS
  // like our code: Node 20 loads them with require(esm), jest's module system does not.
  transformIgnorePatterns: ['/node_modules/(?!(hyparquet|commander)/)'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts?(x)'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,migrations}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
