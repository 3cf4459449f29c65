import { escapeHtml, layout } from './html';

function form(action: string, title: string, button: string, next = '', error = ''): string {
  return layout(
    title,
    `<h1>${title}</h1>${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${action}">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <p><label>Username <input name="user" autocomplete="username" required></label></p>
  <p><label>Password <input name="pass" type="password" autocomplete="${action === '/signup' ? 'new-password' : 'current-password'}" required></label></p>
  <p><button>${button}</button></p>
</form>`,
  );
}

export const loginPage = (next?: string, error?: string) => form('/login', 'Log in', 'Log in', next, error);
export const signupPage = (error?: string) => form('/signup', 'Sign up', 'Create account', '', error);
