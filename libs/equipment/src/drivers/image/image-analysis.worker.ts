import { parentPort } from 'node:worker_threads';
import { detectStars, imageStatistics } from './image-analysis';

/** Worker thread entry: measures frames off the event loop (see ImageAnalyzer). */
export interface AnalysisJob {
  id: number;
  width: number;
  height: number;
  pixels: Uint16Array;
}

parentPort?.on('message', ({ id, width, height, pixels }: AnalysisJob) => {
  try {
    const statistics = imageStatistics(pixels);
    const detection = detectStars(width, height, pixels, statistics);
    parentPort!.postMessage({ id, statistics, detection });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
