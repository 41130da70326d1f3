import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of an antd page in jsdom compiles and lays out many components; on CI's two
// shared cores, with the suites running in parallel, it can take several seconds. A finding query
// waits up to 10 s (the default 1 s made a cold first render fail while the page was still coming).
configure({ asyncUtilTimeout: 10_000 });
