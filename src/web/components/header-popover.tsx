import { type KeyboardEvent, type MouseEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import classes from './header-popover.module.css';

type TriggerProps = {
  popoverTarget: string;
  'aria-haspopup': 'menu';
  'aria-expanded': boolean;
  'aria-controls': string;
  onClick: (event: MouseEvent<HTMLElement>) => void;
};

const ITEM_SELECTOR = '[role="menuitem"], [role="menuitemradio"]';

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);
}

/**
 * A menu that drops down from a header button, built on the browser's Popover API: Escape, a
 * click outside and focus return to the trigger come from the browser; this adds the ARIA menu
 * pattern on top (arrow keys, Home/End, Tab closes). Used instead of Mantine's Menu, which would
 * put the floating-ui positioning library into every signed-in page's first load.
 *
 * `header` is shown above the menu items and is not part of the menu (e.g. who is signed in).
 * Items are elements with role `menuitem` or `menuitemradio` and `tabIndex={-1}`.
 */
export function HeaderPopover({
  trigger,
  header,
  menuLabel,
  children,
  width = 280,
  align = 'end',
}: {
  trigger: (props: TriggerProps) => ReactNode;
  header?: ReactNode;
  menuLabel: string;
  children: (close: () => void) => ReactNode;
  width?: number;
  /** `end`: right edges line up (header); `stretch`: as wide as the trigger (phone navigation). */
  align?: 'end' | 'stretch';
}) {
  const id = useId();
  const menuId = `${id}-menu`;
  const panelRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const onToggle = (event: Event) => {
      const isOpen = (event as ToggleEvent).newState === 'open';
      setOpen(isOpen);
      if (!isOpen) return;
      const items = menuItems(menuRef.current);
      const checked = items.find((item) => item.getAttribute('aria-checked') === 'true');
      (checked ?? items[0])?.focus();
    };
    panel.addEventListener('toggle', onToggle);
    return () => panel.removeEventListener('toggle', onToggle);
  }, []);

  // Positions the panel under the trigger just before the browser shows it.
  const place = (event: MouseEvent<HTMLElement>) => {
    const panel = panelRef.current;
    if (!panel) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const margin = 8;
    panel.style.top = `${Math.round(rect.bottom + 4)}px`;
    if (align === 'stretch') {
      panel.style.left = `${Math.round(rect.left)}px`;
      panel.style.width = `${Math.round(rect.width)}px`;
      panel.style.right = 'auto';
    } else {
      panel.style.width = `${Math.min(width, window.innerWidth - 2 * margin)}px`;
      panel.style.right = `${Math.max(margin, Math.round(window.innerWidth - rect.right))}px`;
      panel.style.left = 'auto';
    }
  };

  const close = () => panelRef.current?.hidePopover();

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Tab') {
      close();
      return;
    }
    const items = menuItems(menuRef.current);
    if (items.length === 0) return;
    const index = items.indexOf(document.activeElement as HTMLElement);
    const target =
      event.key === 'ArrowDown'
        ? items[(index + 1) % items.length]
        : event.key === 'ArrowUp'
          ? items[(index - 1 + items.length) % items.length]
          : event.key === 'Home'
            ? items[0]
            : event.key === 'End'
              ? items[items.length - 1]
              : undefined;
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  return (
    <>
      {trigger({
        popoverTarget: id,
        'aria-haspopup': 'menu',
        'aria-expanded': open,
        'aria-controls': menuId,
        onClick: place,
      })}
      <div ref={panelRef} id={id} popover="auto" className={classes.panel}>
        {header}
        <div ref={menuRef} id={menuId} role="menu" aria-label={menuLabel} onKeyDown={onKeyDown}>
          {children(close)}
        </div>
      </div>
    </>
  );
}

/** Class for a menu row: a full-width button or link with an optional leading icon. */
export const popoverItemClass = classes.item;
/** Class for the small caption above a group of rows. */
export const popoverLabelClass = classes.label;
