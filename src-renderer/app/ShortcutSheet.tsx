import { Fragment } from 'react';
import { Overlay } from './Overlay';
import { SHORTCUTS } from './shortcuts';

export function ShortcutSheet({ onClose }: { onClose(): void }) {
  return (
    <Overlay title="Keyboard shortcuts" onClose={onClose}>
      <div className="overlay-body">
        <dl className="shortcut-list" data-testid="shortcut-sheet">
          {SHORTCUTS.map((s) => (
            <Fragment key={s.does}>
              <dt>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{s.does}</dd>
            </Fragment>
          ))}
        </dl>
      </div>
    </Overlay>
  );
}
