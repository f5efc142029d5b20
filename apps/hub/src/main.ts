import 'reflect-metadata';
import { loadConfig, serveUntilSignalled } from '@hub/platform';
import { startHub } from './hub.app';

serveUntilSignalled('hub', () => startHub(loadConfig()));
