import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/**
 * Validates every DTO, strips unknown fields, and answers 400 with the first problem as the
 * message and all of them, field by field, as details.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const details = flatten(errors);
      return new ApiError(HttpStatus.BAD_REQUEST, details[0]?.message ?? 'invalid request', { details });
    },
  });
}

function flatten(errors: ValidationError[], path = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = path ? `${path}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
