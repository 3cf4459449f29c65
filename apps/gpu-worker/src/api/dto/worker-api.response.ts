export class LabPresenceResponse {
  present!: boolean;
  /** The installed copy's version, when present. */
  version?: string;
}

export class InstalledLabResponse {
  /** The version now installed. */
  version!: string;
}

/** A kernel ran (`alive`, with the device and how long it took), or why none could. */
export class GpuAliveResponse {
  alive!: boolean;
  device?: string;
  ms?: number;
  reason?: string;
}

export class StoppingResponse {
  stopping!: true;
}

export class LogLinesResponse {
  /** Oldest first. */
  lines!: string[];
}
