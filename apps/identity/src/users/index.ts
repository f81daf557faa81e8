export { UsersModule } from './users.module.js';
export type { StoredTag } from './user.entity.js';
export { TagInput } from './dto.js';
export { TagModel, UserModel } from './user.model.js';
export { UserEntity } from './user.entity.js';
export { UserRepository } from './user.repository.js';
export { toUserModel } from './user.mapper.js';
export { UserAlreadyExistsError, UserNotFoundError } from './user.errors.js';
export { UsersService, checkNewUser } from './users.service.js';
