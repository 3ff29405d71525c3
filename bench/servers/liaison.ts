// Liaison itself, as `npm start` runs it (startLiaison with the environment's config and the JSON
// logger; the minute scheduler on), bound to loopback and reporting its port to the bench.
import { parseConfig } from '../../src/config.js';
import { startLiaison } from '../../src/liaison.js';
import { createLogger } from '../../src/logger.js';
import { serveTheBench } from './child.js';

const config = parseConfig(process.env);
const logger = createLogger(config.logLevel);
const liaison = await startLiaison(config, logger, { host: '127.0.0.1' });
process.send?.({ type: 'ready', port: liaison.port });
serveTheBench(() => liaison.stop());
