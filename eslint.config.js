import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'coverage'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // the engine is pure maths: no DOM, no React, nothing outside itself
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', 'react', 'react-dom', 'd3*', 'zustand', 'comlink'], message: 'src/engine imports nothing outside itself.' }] },
      ],
    },
  },
  {
    // engine subfolders (e.g. surface/) may import the engine's own files one level up
    files: ['src/engine/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*', 'react', 'react-dom', 'd3*', 'zustand', 'comlink'], message: 'src/engine imports nothing outside itself.' }] },
      ],
    },
  },
  {
    // drawing lives outside React and the store
    files: ['src/render/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'zustand', 'comlink', '**/store/**', '**/views/**', '**/bridge/**', '**/worker/**'], message: 'src/render draws; it knows no React, store, bridge or worker.' }] },
      ],
    },
  },
  {
    // the store is data only: no React, no drawing, no views, and it does not drive the workers
    files: ['src/store/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'd3*', 'comlink', '**/views/**', '**/render/**', '**/bridge/**', '**/worker/**'], message: 'src/store is data only: no React, d3, views, render, bridge or worker.' }] },
      ],
    },
  },
  {
    // the workers and what they load know nothing of the page's store
    files: ['src/data/**/*.{ts,tsx}', 'src/protocol/**/*.{ts,tsx}', 'src/worker/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'd3*', 'zustand', '**/store/**', '**/views/**', '**/render/**', '**/bridge/**'], message: 'data, protocol and worker run in workers too: no React, d3, store, views, render or bridge.' }] },
      ],
    },
  },
  {
    // import() would get round every rule above: below the views, modules are imported statically
    files: ['src/{engine,data,protocol,worker,store,render}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'Below the views, import statically (the layer rules do not see import()).' },
      ],
    },
  },
);
