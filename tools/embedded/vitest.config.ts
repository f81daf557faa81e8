import { nestProject } from '../../vitest.shared.js';

export default nestProject('embedded');
