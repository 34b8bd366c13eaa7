import { loginRequestSchema } from '@arbiter/contracts';
import { errorView, isApiError, useLogin } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';

export interface LoginPageProps {
  onLoggedIn: () => void;
}

export function LoginPage({ onLoggedIn }: LoginPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const login = useLogin();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = loginRequestSchema.safeParse({ email: email.trim(), password });
    if (!parsed.success) return setInvalid('Enter your email address and password.');
    setInvalid(null);
    login.mutate(parsed.data, { onSuccess: onLoggedIn });
  };

  return (
    <main className="login">
      <form className="card login__card" onSubmit={submit} aria-label="Sign in" noValidate>
        <h1>Sign in to Arbiter</h1>
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {invalid && <ErrorMessage message={invalid} />}
        {login.isError && (
          <ErrorMessage message={isApiError(login.error, 401) ? 'Wrong email or password.' : errorView(login.error).message} />
        )}
        <button type="submit" className="btn btn--primary" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
