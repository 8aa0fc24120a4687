import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once per `ms` while `throttle` holds (and ending on the latest value);
 * at once otherwise.
 */
export function useThrottled<T>(value: T, ms: number, throttle: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = throttle ? Math.max(0, last.current + ms - performance.now()) : 0;
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms, throttle]);
  return throttle ? shown : value;
}
