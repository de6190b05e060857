// ESLint flat config: `npm run lint` (part of `npm test`) runs it with --max-warnings 0.
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

const browserCode = ['packages/*/src/**/*.ts', 'test/elements/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/.wrangler/', 'test-results/'] },
  {
    files: [
      'packages/*/src/**/*.{ts,js,mjs}',
      'worker/src/**/*.ts',
      'test/**/*.{ts,mts,js,mjs}',
      '**/scripts/**/*.{ts,js,mjs}',
      '*.{js,mjs,ts}',
      'packages/*/*.{ts,mjs}',
    ],
    extends: [tseslint.configs.recommended],
    rules: {
      // `const { dropped: _, ...rest } = row` is how the code and tests leave a field out
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: browserCode,
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
    rules: {
      // role="list" on a <ul> is deliberate: WebKit drops list semantics when list-style is none
      'lit-a11y/no-redundant-role': 'off',
      // autofocus is used only inside <dialog>, where it names the control focused on open (HTML's advice)
      'lit-a11y/no-autofocus': 'off',
    },
  },
  {
    files: ['test/elements/**/*.ts'],
    // chai's property assertions (`expect(x).to.exist`) are expressions by design
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
