import { invalidRequest } from './errors';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: [string, string][];
  files: UploadedFile[];
}

/** Minimal multipart/form-data parser: enough for stripe-node's file uploads. */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) throw invalidRequest('Invalid multipart/form-data request: missing boundary.');
  const delimiter = Buffer.from(`--${token}`);
  const result: MultipartBody = { fields: [], files: [] };
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part is "\r\n<headers>\r\n\r\n<content>\r\n" between delimiters.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        if (filename !== undefined) {
          const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
          result.files.push({ field: name, filename, contentType: type.trim(), data: Buffer.from(content) });
        } else {
          result.fields.push([name, content.toString('utf8')]);
        }
      }
    }
    start = next;
  }
  return result;
}
