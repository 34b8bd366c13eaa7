import type { User } from '@arbiter/contracts';
import { Link } from '@tanstack/react-router';

export interface AppHeaderProps {
  user: User;
  onLogout: () => void;
  loggingOut: boolean;
}

export function AppHeader({ user, onLogout, loggingOut }: AppHeaderProps) {
  return (
    <header className="app-header">
      <Link className="app-header__brand" to="/projects">
        Arbiter
      </Link>
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
