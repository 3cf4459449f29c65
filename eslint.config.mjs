// ESLint (flat config) with typescript-eslint's recommended rules, for apps/, libs/ and test/.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'libs/libwb/**', 'mps/**', 'scripts/**', 'deploy/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Test helpers read untyped JSON bodies.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
