import type { User } from '@arbiter/contracts';

export interface AppHeaderProps {
  user: User;
  homeHref: string;
  onLogout: () => void;
  loggingOut: boolean;
}

export function AppHeader({ user, homeHref, onLogout, loggingOut }: AppHeaderProps) {
  return (
    <header className="app-header">
      <a className="app-header__brand" href={homeHref}>
        Arbiter
      </a>
      <span className="app-header__user" data-testid="current-user">
        {user.name || user.email}
        {user.isAdmin && <span className="badge">admin</span>}
      </span>
      <button type="button" className="btn btn--ghost" onClick={onLogout} disabled={loggingOut} data-testid="logout">
        Log out
      </button>
    </header>
  );
}
