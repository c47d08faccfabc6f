import { strings } from '../../../shared/i18n';
import { formatTimeOfDay } from '../../../shared/domain/service-day/time';

/** An ISO instant as local HH:MM; unparsable input as received. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatTimeOfDay(date);
}

/** 95 → 1 小时 35 分钟. */
export function duration(minutes: number): string {
  return strings.serviceDay.duration(minutes);
}

/** HH:MM `minutes` after `now`, rounded up to 5 minutes, never past 23:59 today. */
export function returnTimeIn(now: Date, minutes: number): string {
  const t = new Date(now.getTime() + minutes * 60_000);
  t.setSeconds(0, 0);
  const rounded = Math.ceil(t.getMinutes() / 5) * 5;
  t.setMinutes(rounded);
  if (t.getDate() !== now.getDate() || t.getTime() < now.getTime()) return '23:59';
  return formatTimeOfDay(t);
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
