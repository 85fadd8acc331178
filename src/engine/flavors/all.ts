/** Both flavours, imported statically: what Node callers (CLI, tests, benchmarks) and the IIFE element get. */
import './kubernetes';
import './swarm';
