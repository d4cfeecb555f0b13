import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiQuery, getSchemaPath } from '@nestjs/swagger';

/** What a list asks for: `page` and `page_size` as the query carries them. */
export interface PageRequest {
  page?: number;
  page_size?: number;
}

/** Django REST's `max_page_size`: a larger `page_size` is served as this many, not refused. */
export const MAX_PAGE_SIZE = 1000;

/** Which page a request asks for (`page` 1 when only the size is given), or undefined for "every match". */
export function pageWindow(request: PageRequest, defaultSize: number): { page: number; pageSize: number } | undefined {
  if (request.page === undefined && request.page_size === undefined) return undefined;
  return { page: request.page ?? 1, pageSize: Math.min(request.page_size ?? defaultSize, MAX_PAGE_SIZE) };
}

/** A list held in memory (organisations, members, profiles) cut by the same rule as the tables' lists. */
export function pageOf<T>(all: T[], request: PageRequest, defaultSize: number): { items: T[]; total: number; page?: number; pageSize: number } {
  const window = pageWindow(request, defaultSize);
  if (!window) return { items: all, total: all.length, pageSize: defaultSize };
  return { items: all.slice((window.page - 1) * window.pageSize, window.page * window.pageSize), total: all.length, ...window };
}

export class PaginatedPageDto {
  @ApiProperty({ example: 250 })
  count: number;
  @ApiProperty({ nullable: true, type: String, example: '/datasets/?page=3' })
  next: string | null;
  @ApiProperty({ nullable: true, type: String, example: '/datasets/?page=1' })
  previous: string | null;
}

/** A bare array without `?page=`, Django REST page-number pagination with it. */
export type ArcsecondList<T> = T[] | { count: number; next: string | null; previous: string | null; results: T[] };

export const LIST_SHAPE_NOTE =
  'Without `?page=` or `?page_size=` the answer is a bare JSON array of every match (the Arcsecond CLI counts `datasets/?name=` results with `len()`, which breaks on an envelope); ' +
  'with either it is `{count, next, previous, results}` (Django REST page-number pagination, ARCHIVE_PAGE_SIZE items per page unless `page_size` says otherwise, page 1 unless `page` says otherwise). Every Arcsecond client accepts both. ' +
  'Query parameters a list does not know are ignored, as Django REST framework does. ' +
  'PUT, PATCH and DELETE on the list answer 405. Paths work with and without the trailing slash Arcsecond clients send.';

/** Documents both list shapes. */
export function ApiArcsecondList(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item, PaginatedPageDto),
    ApiQuery({ name: 'page', required: false, type: Number, description: 'Page number (1-based); switches the answer to the paginated shape' }),
    ApiOkResponse({
      description: LIST_SHAPE_NOTE,
      schema: {
        oneOf: [
          { type: 'array', items: { $ref: getSchemaPath(item) } },
          { allOf: [{ $ref: getSchemaPath(PaginatedPageDto) }, { type: 'object', required: ['results'], properties: { results: { type: 'array', items: { $ref: getSchemaPath(item) } } } }] },
        ],
      },
    }),
  );
}

/** Shapes a list for the wire: a bare array, or one page of it when `?page=` was given. */
export function shapeList<E, T>(page: { items: E[]; total: number; page?: number; pageSize: number }, map: (items: E[]) => T[] | Promise<T[]>, path: string, query: object): Promise<ArcsecondList<T>> {
  return Promise.resolve(map(page.items)).then((items) => {
    if (page.page === undefined) return items;
    const link = (p: number) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== 'page') params.set(k, String(v));
      params.set('page', String(p));
      return `${path}?${params.toString()}`;
    };
    return { count: page.total, next: page.page * page.pageSize < page.total ? link(page.page + 1) : null, previous: page.page > 1 ? link(page.page - 1) : null, results: items };
  });
}
