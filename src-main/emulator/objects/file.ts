import type Stripe from 'stripe';

export interface FileInput {
  id: string;
  created: number;
  purpose: Stripe.File.Purpose;
  filename: string;
  size: number;
  type: 'pdf' | 'jpg' | 'png';
  baseUrl: string;
}

export function buildFile(f: FileInput): Stripe.File {
  return {
    id: f.id,
    object: 'file',
    created: f.created,
    // Dispute evidence is kept by Stripe for years; other purposes expire.
    expires_at: f.created + 365 * 86400 * (f.purpose === 'dispute_evidence' ? 7 : 1),
    filename: f.filename,
    links: { object: 'list', data: [], has_more: false, url: `/v1/file_links?file=${f.id}` },
    purpose: f.purpose,
    size: f.size,
    title: null,
    type: f.type,
    url: `${f.baseUrl}/v1/files/${f.id}/contents`,
  } satisfies Stripe.File;
}
