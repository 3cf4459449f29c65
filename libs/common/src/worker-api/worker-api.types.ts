/** `GET /log`: the worker's recent log lines, oldest first. */
export interface WorkerLogLines {
  lines: string[];
}

/** `GET /is_gpu_alive`: 200 with the device when a kernel ran, 503 with the reason when none could. */
export type GpuAliveAnswer = { alive: true; device: string; ms: number } | { alive: false; reason: string };
