import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Moves the app to one of its own paths without reloading the page (the app shell provides its router's). */
export type NavigateToHref = (href: string) => void;

const LinkNavigationContext = createContext<NavigateToHref | null>(null);

/** Gives every `AppLink` below it the app's navigation; without one they are plain links. */
export const LinkNavigationProvider = LinkNavigationContext.Provider;

export interface AppLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
}

/**
 * A link to a screen of the app. A plain click navigates in place; a click the browser should handle itself
 * (new tab, new window, download) is left to it, so links keep working like links.
 */
export function AppLink({ onClick, ...props }: AppLinkProps) {
  const navigate = useContext(LinkNavigationContext);
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    const modified = e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
    const elsewhere = (props.target && props.target !== '_self') || props.download !== undefined;
    if (!navigate || e.defaultPrevented || modified || elsewhere) return;
    e.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={handleClick} />;
}
