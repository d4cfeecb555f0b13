import { Body, HttpCode, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Repository } from 'typeorm';
import { RequirePermission } from '@app/auth';
import { NoteCreateDto } from '../dtos/daemon.dto';
import { NoteEntity } from '../entities/note.entity';
import { MycodoController, MycodoMessageDto } from '../http/mycodo-http';

@MycodoController('notes', 'daemon: notes')
export class NotesController {
  constructor(@InjectRepository(NoteEntity) private readonly notes: Repository<NoteEntity>) {}

  @Post('create')
  @HttpCode(200)
  @RequirePermission('daemon', 'update')
  @ApiOperation({ summary: 'Create a note', description: 'Tags are names kept with the note. Difference from Mycodo: no tag table, so an unknown tag is not a 500.' })
  @ApiOkResponse({ type: MycodoMessageDto })
  async createNote(@Body() body: NoteCreateDto): Promise<MycodoMessageDto> {
    const tags = body.tags.split(',').map((t) => t.trim()).filter(Boolean);
    await this.notes.insert({ name: body.name, note: body.note, tags });
    return { message: 'Success' };
  }
}
