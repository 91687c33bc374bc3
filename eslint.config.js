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
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', 'react', 'react-dom', 'd3*', 'zustand', 'comlink'], message: 'src/engine imports nothing outside itself.' }] },
      ],
    },
  },
  {
    // engine subfolders (e.g. surface/) may import the engine's own files one level up
    files: ['src/engine/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*', 'react', 'react-dom', 'd3*', 'zustand', 'comlink'], message: 'src/engine imports nothing outside itself.' }] },
      ],
    },
  },
  {
    // drawing lives outside React and the store
    files: ['src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'zustand', '../store/*', '../views/*'], message: 'src/render draws; it knows no React or store.' }] },
      ],
    },
  },
);
