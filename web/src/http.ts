// The transport of the JSON and FHIR APIs: requests and uploads. Every error arrives as an RFC
// 9457 problem (or a FHIR OperationOutcome); ApiError carries it.

export interface Page<T> {
  items: T[];
  next: string | null;
}

// Every item of a paged list, page after page (up to max items, when given).
export async function allPages<T>(load: (cursor?: string) => Promise<Page<T>>, max = Infinity): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

// FHIR answers errors as an OperationOutcome; its first issue becomes the ApiError.
function problemOf(json: unknown): { detail?: string | undefined; field?: string | undefined } {
  const outcome = json as {
    resourceType?: string;
    issue?: { diagnostics?: string; expression?: string[] }[];
  };
  if (outcome?.resourceType === 'OperationOutcome') {
    return { detail: outcome.issue?.[0]?.diagnostics, field: outcome.issue?.[0]?.expression?.[0] };
  }
  return (json ?? {}) as { detail?: string; field?: string };
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    init.headers = { ...headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return send<T>(path, init);
}

// The same with a body of another media type (a CSV table, a BPMN file).
export function requestBody<T>(
  method: string,
  path: string,
  body: BodyInit,
  type: string,
  headers: Record<string, string> = {},
): Promise<T> {
  return send<T>(path, { method, credentials: 'same-origin', headers: { ...headers, 'Content-Type': type }, body });
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = problemOf(json);
    throw new ApiError(
      response.status,
      problem.detail ?? response.statusText,
      problem.field,
      (json ?? {}) as Record<string, unknown>,
    );
  }
  return json as T;
}

// Sends a file as the body with its media type, reporting upload progress (fetch cannot).
export function upload<T>(path: string, file: Blob, type: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', type);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network')));
    xhr.addEventListener('load', () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as T);
        return;
      }
      const problem = problemOf(json);
      reject(new ApiError(xhr.status, problem.detail ?? xhr.statusText, problem.field, (json ?? {}) as Record<string, unknown>));
    });
    xhr.send(file);
  });
}
