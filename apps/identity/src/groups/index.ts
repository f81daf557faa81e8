export { GroupsModule } from './groups.module.js';
export { GroupEntity, GroupMemberEntity } from './group.entity.js';
