import { useEffect } from 'react';
import { type NavigateFunction, type NavigateOptions, useNavigate } from 'react-router';

let navigateFn: NavigateFunction | null = null;
let pending: { to: string; options: NavigateOptions | undefined } | null = null;

/**
 * Lets code outside React (the query client's 401 handling) navigate through the router. A
 * navigation asked for before the router has mounted runs as soon as it does.
 */
export function NavigatorBridge() {
  const navigate = useNavigate();
  useEffect(() => {
    navigateFn = navigate;
    if (pending) {
      const { to, options } = pending;
      pending = null;
      void navigate(to, options);
    }
    return () => {
      navigateFn = null;
    };
  }, [navigate]);
  return null;
}

export function navigateOutsideReact(to: string, options?: NavigateOptions): void {
  if (navigateFn) void navigateFn(to, options);
  else pending = { to, options };
}
