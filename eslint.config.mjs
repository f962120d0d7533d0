// ESLint for the whole repository: typescript-eslint, the import boundaries of the layers (README "For developers"),
// and a ceiling on function size, file size and complexity. `npm run lint`; proven by test/unit/lint/.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { i18nPlugin } from './scripts/eslint-rules/no-jsx-literals.mjs';

const sourceFiles = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

// Every local file belongs to one element, so a policy can name what a layer may not reach.
const elements = [
  { type: 'core', pattern: 'src/core' },
  { type: 'shared', pattern: 'src/shared' },
  { type: 'service', pattern: 'src/{whatsapp,contacts,campaign,platform}' },
  { type: 'ipc', pattern: 'src/ipc' },
  { type: 'app', pattern: 'src/app' },
  { type: 'cli', pattern: 'src/cli' },
  { type: 'devhost', pattern: 'src/devhost' },
  { type: 'shell', pattern: 'src/electron' },
  // The files directly in src/: main.ts (the Electron entry) and cli.ts (the command line's); element patterns are
  // folders, so a policy tells them apart by fileInternalPath.
  { type: 'entry', pattern: 'src' },
  { type: 'preload', pattern: 'preload' },
  { type: 'renderer', pattern: 'renderer' },
  { type: 'tooling', pattern: ['test', 'bench', 'scripts', 'bin'] },
].map((element) => ({ ...element, partialMatch: false }));
const electron = { module: { source: 'electron' } };
const nodeBuiltin = { module: { origin: 'core' } };
// A local file in none of the allowed elements, or in no element at all (a file at the top of the repository).
const localOutside = (...allowed) => [
  { module: { origin: 'local' }, element: { types: { noneOf: allowed } } },
  { module: { origin: 'local' }, element: { isUnknown: true } },
];
const callers = { element: { types: { anyOf: ['cli', 'ipc', 'app', 'devhost', 'shell', 'entry'] } } };

const layerPolicies = [
  {
    from: { element: { types: { anyOf: ['core', 'shared'] } } },
    disallow: { to: [nodeBuiltin, electron, ...localOutside('core', 'shared')] },
    message: 'src/core and src/shared are pure: no Node built-ins, no electron, nothing outside src/core and src/shared',
  },
  {
    from: { element: { type: 'service' } },
    disallow: { to: [electron, callers] },
    message:
      'a service (src/whatsapp, contacts, campaign, platform) knows nothing of its callers: no src/cli, ipc, app, devhost, electron, main.ts, cli.ts, nor the electron package',
  },
  {
    from: [{ element: { types: { anyOf: ['ipc', 'app', 'cli', 'devhost'] } } }, { element: { type: 'entry', fileInternalPath: '!main.ts' } }],
    disallow: { to: electron },
    message: 'only src/main.ts and src/electron/ import electron',
  },
  {
    from: { element: { type: 'renderer' } },
    disallow: { to: [nodeBuiltin, electron, ...localOutside('core', 'shared', 'renderer')] },
    message: 'the renderer imports no Node built-ins, no electron, and from src/ only src/core and src/shared',
  },
  {
    from: { element: { type: 'preload' } },
    disallow: { to: [nodeBuiltin, { module: { origin: 'external', source: '!electron' } }, ...localOutside('shared', 'preload')] },
    message: 'the preload imports only electron and src/shared',
  },
];

const boundariesConfig = {
  files: sourceFiles,
  plugins: { boundaries },
  settings: {
    'boundaries/root-path': import.meta.dirname,
    'boundaries/elements': elements,
    // import, export ... from, import(), require() and `typeof import('...')` types all count as a dependency.
    'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
    'boundaries/additional-dependency-nodes': [{ selector: 'TSImportType > Literal', kind: 'type', name: 'import-type' }],
    'boundaries/legacy-templates': false,
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] } },
  },
  rules: {
    'boundaries/dependencies': ['error', { default: 'allow', checkAllOrigins: true, checkUnknownLocals: true, policies: layerPolicies }],
  },
};

// Size and complexity ceilings (blank lines and comments not counted). src/ and preload/ hold the goal; a React
// component's JSX makes it longer, so renderer/ and the bench and build scripts get more room; a test file's describe
// callback holds the whole suite, so tests get no function-length limit.
export const ceiling = ({ complexity, fn, file }) => ({
  complexity: ['error', { max: complexity }],
  'max-lines-per-function': fn ? ['error', { max: fn, skipBlankLines: true, skipComments: true, IIFEs: true }] : 'off',
  'max-lines': ['error', { max: file, skipBlankLines: true, skipComments: true }],
});
export const goal = { complexity: 15, fn: 60, file: 400 };
export const roomier = { complexity: 20, fn: 120, file: 400 };

// Over the ceiling when the linter came (issue 9), nobody splitting them yet: each entry raises the ceiling for that
// file only, to the figure measured there, so it cannot grow. Lower or remove an entry when its file is split.
export const knownOffenders = {
  'src/app/services.ts': { fn: 117 }, // buildServices
  'src/campaign/runner.ts': { file: 436 },
  'src/cli/options.ts': { complexity: 21 }, // pacingFromFlags
  'src/contacts/ods-guard.ts': { complexity: 20 }, // run
  'src/contacts/sniff.ts': { complexity: 28 }, // sniffFormat
  'src/contacts/table-import.ts': { fn: 118 }, // importTable
  'src/contacts/workbook-reader.ts': { complexity: 28, fn: 73 }, // readWorkbook
  'src/contacts/xlsx-stream/shared-strings.ts': { complexity: 26 }, // addItem
  'src/contacts/xlsx-stream/sheet-scanner.ts': { complexity: 19 }, // readCellContent, addCell, readAttributes
  'src/contacts/xlsx-stream/workbook-parts.ts': { complexity: 16 }, // readWorkbookParts
  'src/contacts/xlsx-stream/xlsx-stream-reader.ts': { complexity: 25 }, // readOpen
  'src/contacts/xlsx-stream/zip-directory.ts': { complexity: 16 }, // readZipDirectory
  'src/core/phone.ts': { complexity: 19 }, // isValidE164, slowPath
  'src/core/template-syntax.ts': { complexity: 16 }, // sequence
  'src/ipc/handlers/campaign.ts': { fn: 91 }, // createCampaignHandlers
  'src/whatsapp/wwebjs.ts': { fn: 71 }, // attach
  'renderer/features/connection/ConnectionScreen.tsx': { complexity: 45, fn: 132 },
  'renderer/features/contacts/ContactsScreen.tsx': { complexity: 24 },
  'renderer/features/contacts/OptOutSection.tsx': { fn: 137 },
  'renderer/features/send/ContactTable.tsx': { fn: 124 },
  'bench/send-throughput.bench.ts': { fn: 124 }, // once
};
const offenderOverrides = Object.entries(knownOffenders).map(([file, limits]) => ({
  files: [file],
  rules: ceiling({ ...(file.startsWith('src/') ? goal : roomier), ...limits }),
}));

// i18n (issue 12): no untranslated text in the renderer's JSX (scripts/eslint-rules/no-jsx-literals.mjs). The files
// below are not converted yet and are exempt; whoever converts one removes it from the list. The list ends empty.
export const i18nPendingFiles = [];
const i18nConfig = {
  files: ['renderer/**/*.tsx'],
  ignores: i18nPendingFiles,
  plugins: { i18n: i18nPlugin },
  rules: { 'i18n/no-jsx-literals': 'error' },
};

export default defineConfig(
  globalIgnores(['out/', 'release/', 'dist/', 'test-output/', 'node_modules/', 'patches/', 'build/', '.wwebjs_*/', '.demo-data/']),
  { files: sourceFiles, extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: sourceFiles,
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a listener's signature, a rest sibling left out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `(...args: any[]) => void` is how a listener of any event is typed; elsewhere say what it is.
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // A `let` read by a closure before its one assignment (it may run during the constructor) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      ...ceiling(goal),
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['renderer/**', 'test/standin/page/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['renderer/**', 'bench/**', 'scripts/**'], rules: ceiling(roomier) },
  // electron-updater is required when it is first used (an installed build with a feed), not when the app starts.
  { files: ['src/electron/updater.ts'], rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^electron-updater$'] }] } },
  {
    files: ['test/**'],
    rules: {
      ...ceiling({ complexity: 25, fn: 0, file: 600 }),
      // Fakes and stand-ins reach into untyped internals; tests load copies of packages by a path made at run time.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // The small CSV readers in tests are written with comma sequences; spreadsheet cases hold numbers beyond 2^53
      // and log lines with two spaces on purpose.
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-loss-of-precision': 'off',
      'no-regex-spaces': 'off',
    },
  },
  ...offenderOverrides,
  boundariesConfig,
  i18nConfig,
);
