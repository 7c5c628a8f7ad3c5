/**
 * Projector mode for the seminar room (issue 10): large type on the whole page, remembered in
 * this browser. The page's root element carries the `projector` class while the map shows it.
 */
import { useEffect, useState } from 'react';

const PROJECTOR_KEY = 'island-chain:projector';

const readProjector = (): boolean => {
  try {
    return localStorage.getItem(PROJECTOR_KEY) === 'on';
  } catch {
    return false;
  }
};

/** The mode and its setter; the choice is stored, and the page's class follows it. */
export function useProjectorMode(): [boolean, (on: boolean | ((was: boolean) => boolean)) => void] {
  const [projector, setProjector] = useState(readProjector);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
    try {
      localStorage.setItem(PROJECTOR_KEY, projector ? 'on' : 'off');
    } catch {
      // Storage may be unavailable (private windows); the mode then lasts for the page.
    }
  }, [projector]);
  useEffect(() => () => document.documentElement.classList.remove('projector'), []);
  return [projector, setProjector];
}
