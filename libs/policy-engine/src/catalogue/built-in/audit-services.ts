import type { ServiceDefinition } from '../catalogue-model.js';
import { READ, action } from './define.js';

// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html
// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiamaccessanalyzer.html
//   Only the actions this suite serves (its audit trail and its policy validator); both take no resource-level
//   permissions (Resource `*`).

/** The `cloudtrail` service: reading the audit trail. */
export const CLOUDTRAIL_SERVICE: ServiceDefinition = {
  prefix: 'cloudtrail',
  name: 'AWS CloudTrail',
  actions: [action('LookupEvents', READ)],
  resourceTypes: [
    {
      name: 'trail',
      arnPattern: 'arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}',
    },
  ],
  conditionKeys: [],
};

/** The `access-analyzer` service: validating policy documents. */
export const ACCESS_ANALYZER_SERVICE: ServiceDefinition = {
  prefix: 'access-analyzer',
  name: 'AWS IAM Access Analyzer',
  actions: [action('ValidatePolicy', READ)],
  resourceTypes: [
    {
      name: 'Analyzer',
      arnPattern: 'arn:${Partition}:access-analyzer:${Region}:${Account}:analyzer/${AnalyzerName}',
    },
  ],
  conditionKeys: [],
};
