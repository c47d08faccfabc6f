import type { z } from 'zod';
import type { ConfigIssue } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';

const s = strings.config;

/** Turns one zod issue into a Chinese message that names the field. */
export function describeIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const field = issue.path.map(String).join('.');
  return { field, message: messageFor(issue) };
}

function messageFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return s.required;
      if (issue.expected === 'int') return s.notInteger;
      return s.wrongType(s.types[issue.expected] ?? issue.expected);
    case 'too_small':
      if (issue.origin === 'string') return s.tooShort(Number(issue.minimum));
      if (issue.origin === 'number' && Number(issue.minimum) === 0 && issue.inclusive === false) return s.notPositive;
      return s.tooSmall(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return s.tooLong(Number(issue.maximum));
      return s.tooBig(Number(issue.maximum));
    case 'invalid_value':
      return s.badOption(issue.values.map((v) => String(v)).join('、'));
    case 'unrecognized_keys':
      return s.unknownKey(issue.keys.join('、'));
    case 'custom':
      // Refinements of the schema carry their own Chinese message.
      return issue.message && issue.message !== 'Invalid input' ? issue.message : s.badValue;
    default:
      return s.badValue;
  }
}

/** All issues of a failed parse, in order, with unknown keys reported at their parent object. */
export function describeError(error: z.ZodError): ConfigIssue[] {
  return error.issues.map(describeIssue);
}
