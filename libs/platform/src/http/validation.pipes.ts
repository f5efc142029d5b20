import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { parseNationalId } from '@hub/identity';

/**
 * The one validation of HTTP ids and query parameters. Express parses `?a[]=1&a[]=2` and `?a=1&a=2`
 * into arrays and `?a[b]=1` into objects: a parameter that takes one value gets a 400 naming it,
 * never a silent fallback (an `asOf` array once returned the current scores).
 */
@Injectable()
export class SingleValuePipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, meta: ArgumentMetadata): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw new BadRequestException({ code: 'PARAM_NOT_SINGLE', message: `${meta.data ?? 'parameter'} takes one value, send it once (no [] or [key])` });
    }
    return value;
  }
}

/** A BIN or IIN path parameter: 12 digits, check digit, structure (SPEC §1); 400 with what to fix. */
@Injectable()
export class NationalIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, meta: ArgumentMetadata): string {
    const text = new SingleValuePipe().transform(value, meta) ?? '';
    const id = parseNationalId(text);
    if (!id.ok) throw new BadRequestException({ code: id.error, message: `BIN/IIN ${id.message}: send the 12-digit number exactly as registered` });
    return id.value;
  }
}

/** A positive page number (1 when absent). */
@Injectable()
export class PagePipe implements PipeTransform<unknown, number> {
  transform(value: unknown, meta: ArgumentMetadata): number {
    const text = new SingleValuePipe().transform(value, meta);
    if (text === undefined || text === '') return 1;
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1) throw new BadRequestException({ code: 'PAGE_FORMAT', message: 'page must be a whole number from 1 to 9999' });
    return Number(text);
  }
}
