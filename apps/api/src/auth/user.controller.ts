import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AdminUser, User } from '@arbiter/contracts';
import { AuthService, Principal } from '@arbiter/server/application';
import { CreateUserDto, UpdateUserDto } from '../common/dto';
import { AdminOnly } from './admin.guard';
import { CurrentPrincipal } from './current.decorator';

@ApiTags('users')
@Controller('users')
export class UserController {
  constructor(private readonly auth: AuthService) {}

  @AdminOnly()
  @Get()
  list(): Promise<AdminUser[]> {
    return this.auth.listUsers();
  }

  @AdminOnly()
  @Post()
  create(@Body() body: CreateUserDto): Promise<User> {
    return this.auth.createUser(body);
  }

  /** Disables or re-enables an account, or resets its password; both end every session of that user at once. */
  @AdminOnly()
  @Patch(':userId')
  update(@CurrentPrincipal() p: Principal, @Param('userId') userId: string, @Body() body: UpdateUserDto): Promise<AdminUser> {
    return this.auth.updateUser(p, userId, body);
  }
}
