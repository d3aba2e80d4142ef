import { useEffect, useState } from 'react';

/** The current minute (epoch minutes), updated every minute: keeps relative times fresh. */
export function useMinute(): number {
  const [minute, setMinute] = useState(() => Math.floor(Date.now() / 60_000));
  useEffect(() => {
    const timer = setInterval(() => setMinute(Math.floor(Date.now() / 60_000)), 60_000);
    return () => clearInterval(timer);
  }, []);
  return minute;
}
