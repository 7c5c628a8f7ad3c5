/** A button that copies a text (a join link) to the clipboard and says so. */
import { useState } from 'react';

export function CopyButton({ text, label }: { readonly text: string; readonly label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="link small"
      aria-label={`Copy ${label}`}
      onClick={() =>
        navigator.clipboard?.writeText(text).then(
          () => setDone(true),
          () => setDone(false),
        )
      }
    >
      {done ? 'copied' : 'copy'}
    </button>
  );
}
