import { type ReactNode, useId, useRef } from 'react';
import classes from './header-popover.module.css';

type TriggerProps = {
  popoverTarget: string;
  onClick: (event: React.MouseEvent<HTMLElement>) => void;
};

/**
 * A dropdown panel built on the browser's Popover API: it opens from its trigger button, closes
 * on Escape or a click outside, returns focus to the trigger and is announced as expanded or
 * collapsed, all natively. Used in the header instead of Mantine's Menu, which would add the
 * floating-ui positioning library to every signed-in page's first load.
 */
export function HeaderPopover({
  trigger,
  children,
  width = 280,
  align = 'end',
}: {
  trigger: (props: TriggerProps) => ReactNode;
  children: (close: () => void) => ReactNode;
  width?: number;
  /** `end`: right edges line up (header); `stretch`: as wide as the trigger (phone navigation). */
  align?: 'end' | 'stretch';
}) {
  const id = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  // Positions the panel under the trigger just before the browser shows it.
  const place = (event: React.MouseEvent<HTMLElement>) => {
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
      const available = window.innerWidth - 2 * margin;
      panel.style.width = `${Math.min(width, available)}px`;
      panel.style.right = `${Math.max(margin, Math.round(window.innerWidth - rect.right))}px`;
      panel.style.left = 'auto';
    }
  };

  const close = () => panelRef.current?.hidePopover();

  return (
    <>
      {trigger({ popoverTarget: id, onClick: place })}
      <div ref={panelRef} id={id} popover="auto" className={classes.panel}>
        {children(close)}
      </div>
    </>
  );
}

/** A row in a HeaderPopover: a full-width button or link with an optional leading icon. */
export const popoverItemClass = classes.item;
export const popoverLabelClass = classes.label;
