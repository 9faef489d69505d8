import { useEffect, useState } from 'react';
import { ErrorState } from '../app/states';
import { useCall, useMutationCall } from '../ipc/client';

/** Settings → when to be told about evidence deadlines (every account and mode, overdue always included). */
export function DeadlineNotificationSettings() {
  const prefs = useCall('notifications.prefs.get', {});
  const save = useMutationCall('notifications.prefs.set', ['notifications.prefs.get']);
  const [text, setText] = useState('');
  useEffect(() => {
    if (prefs.data) setText(prefs.data.leadHours.join(', '));
  }, [prefs.data]);
  if (!prefs.data) return <ErrorState error={prefs.error} />;
  const hours = text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  const valid = hours.length > 0 && hours.length <= 6 && hours.every((h) => Number.isInteger(h) && h >= 1 && h <= 336);
  return (
    <section className="panel" aria-label="Deadline notifications" data-testid="deadline-settings">
      <h2>Dispute deadline notifications</h2>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={prefs.data.enabled}
          onChange={(e) => save.mutate({ enabled: e.target.checked, leadHours: prefs.data!.leadHours })}
        />{' '}
        Notify about evidence deadlines in every account and mode, overdue ones included
      </label>
      <label>
        Hours before the deadline (up to six, e.g. 72, 24, 4)
        <input value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!valid} />
      </label>
      {!valid ? <p className="hint">Whole hours from 1 to 336, separated by commas.</p> : null}
      <button
        type="button"
        className="secondary"
        disabled={!valid || save.isPending}
        onClick={() => save.mutate({ enabled: prefs.data!.enabled, leadHours: hours })}
      >
        Save lead times
      </button>
      <ErrorState error={save.error} />
    </section>
  );
}
