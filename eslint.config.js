import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'artifacts/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval in an extension.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function in an extension.' },
      ],
      // Untrusted text is rendered as text: never inject HTML.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Render untrusted text as text.' },
        { property: 'outerHTML', message: 'Render untrusted text as text.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      // dangerouslySetInnerHTML would turn site text into markup.
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render untrusted text as text.' },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval in an extension.' },
      ],
    },
  },
);
