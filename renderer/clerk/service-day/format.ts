import { strings } from '../../../shared/i18n';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant as local HH:MM; unparsable input as received. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** 95 → 1 小时 35 分钟. */
export function duration(minutes: number): string {
  return strings.serviceDay.duration(minutes);
}

/** Local HH:MM of a Date. */
export function timeOfDay(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** HH:MM `minutes` after `now`, rounded up to 5 minutes, never past 23:59 today. */
export function returnTimeIn(now: Date, minutes: number): string {
  const t = new Date(now.getTime() + minutes * 60_000);
  t.setSeconds(0, 0);
  const rounded = Math.ceil(t.getMinutes() / 5) * 5;
  t.setMinutes(rounded);
  if (t.getDate() !== now.getDate() || t.getTime() < now.getTime()) return '23:59';
  return timeOfDay(t);
}

/** Reads an image file for upload: its base64 bytes and a data: URL for the preview. */
export function readPhoto(file: File): Promise<{ base64: string; dataUrl: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const dataUrl = String(reader.result ?? '');
      const comma = dataUrl.indexOf(',');
      if (comma < 0) reject(new Error('not a data URL'));
      else resolve({ base64: dataUrl.slice(comma + 1), dataUrl });
    };
    reader.readAsDataURL(file);
  });
}
