import { escapeHtml, layout } from '../pages/html';

const USERNAME_RULE = '3 to 32 characters: lower-case letters, digits, _ . -';

function form(kind: 'login' | 'signup', next = '', error = ''): string {
  const signup = kind === 'signup';
  const title = signup ? 'Create an account' : 'Log in';
  // The browser checks the same rules as the server before posting, and says which one failed.
  const userRules = signup ? ` pattern="[a-z0-9_.\\-]{3,32}" minlength="3" maxlength="32" aria-describedby="user-rule"` : '';
  const passRules = signup ? ` minlength="8" aria-describedby="pass-rule"` : '';
  const other = signup
    ? `<p>Already have an account? <a href="/login">Log in</a>.</p>`
    : `<p>New here? <a href="/signup">Create an account</a>.</p>`;
  return layout(
    title,
    `<div class="card"><h1>${title}</h1>
${error ? `<p class="error" role="alert" id="form-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/${kind}">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <label for="user">Username</label>
  <input id="user" name="user" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus${userRules}>
  ${signup ? `<small id="user-rule" class="muted">${USERNAME_RULE}</small>` : ''}
  <label for="pass">Password</label>
  <input id="pass" name="pass" type="password" autocomplete="${signup ? 'new-password' : 'current-password'}" required${passRules}>
  ${signup ? '<small id="pass-rule" class="muted">At least 8 characters.</small>' : ''}
  <p><button>${signup ? 'Create account' : 'Log in'}</button></p>
</form>${other}</div>`,
  );
}

export const loginPage = (next?: string, error?: string) => form('login', next, error);
export const signupPage = (error?: string) => form('signup', '', error);
