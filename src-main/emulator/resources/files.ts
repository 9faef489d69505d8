import type Stripe from 'stripe';
import { RawResponse, route, type RequestContext } from '../http/context';
import { invalidRequest } from '../http/errors';
import { buildFile } from '../objects/file';
import { columnFilters, listObjects } from './shared/list';
import { emitEvent, loadObject, saveObject } from './shared/objects';

const read = { resource: 'file', access: 'read' } as const;
const write = { resource: 'file', access: 'write' } as const;

const MAX_BYTES = 5 * 1024 * 1024;
const PURPOSES = [
  'dispute_evidence',
  'identity_document',
  'additional_verification',
  'business_icon',
  'business_logo',
  'customer_signature',
  'tax_document_user_upload',
] as const;

const SIGNATURES: { type: 'pdf' | 'jpg' | 'png'; mime: string; magic: number[] }[] = [
  { type: 'pdf', mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  { type: 'jpg', mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'png', mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** Stripe sniffs content, not names: detect by magic bytes. */
function detectType(data: Buffer) {
  return SIGNATURES.find((s) => s.magic.every((byte, i) => data[i] === byte));
}

function create(ctx: RequestContext): Stripe.File {
  const purpose = ctx.params.string('purpose');
  if (!purpose) throw invalidRequest('Missing required param: purpose.', 'purpose');
  if (!(PURPOSES as readonly string[]).includes(purpose))
    throw invalidRequest(`Invalid purpose: must be one of ${PURPOSES.join(', ')}`, 'purpose');
  const upload = ctx.files.find((f) => f.field === 'file');
  if (!upload) throw invalidRequest('Missing required param: file.', 'file');
  const detected = detectType(upload.data);
  if (!detected) {
    throw invalidRequest(
      `The file you uploaded is not a supported type for purpose '${purpose}'. Supported types: pdf, jpeg, png.`,
      'file',
    );
  }
  if (upload.data.length > MAX_BYTES) {
    throw invalidRequest(
      `The file you uploaded is too large (${(upload.data.length / 1024 / 1024).toFixed(1)} MB). Files uploaded with purpose '${purpose}' must be smaller than 5 MB.`,
      'file',
    );
  }
  const created = ctx.env.clock.nowSeconds();
  const file = buildFile({
    id: ctx.env.ids.make('file', created),
    created,
    purpose: purpose as Stripe.File.Purpose,
    filename: upload.filename || 'upload',
    size: upload.data.length,
    type: detected.type,
    baseUrl: ctx.env.baseUrl,
  });
  saveObject(ctx, 'file', file);
  ctx.env.store.db.prepare('INSERT OR REPLACE INTO file_contents (id, data) VALUES (?, ?)').run(file.id, upload.data);
  emitEvent(ctx, 'file.created', file);
  return file;
}

function contents(ctx: RequestContext): RawResponse {
  const file = loadObject<Stripe.File>(ctx, 'file', ctx.pathParams.id as string);
  const row = ctx.env.store.db.prepare('SELECT data FROM file_contents WHERE id = ?').get(file.id) as
    | { data: Buffer }
    | undefined;
  const mime = SIGNATURES.find((s) => s.type === file.type)?.mime ?? 'application/octet-stream';
  return new RawResponse(mime, row?.data ?? Buffer.alloc(0));
}

export const fileRoutes = [
  route('POST', '/v1/files', write, create, { accepts: ['purpose'] }),
  route('GET', '/v1/files', read, (ctx) =>
    listObjects(ctx, 'file', '/v1/files', { filters: columnFilters(ctx.params, { purpose: 'status' }) }),
  ),
  route('GET', '/v1/files/:id', read, (ctx) => loadObject(ctx, 'file', ctx.pathParams.id as string)),
  route('GET', '/v1/files/:id/contents', read, contents),
];
