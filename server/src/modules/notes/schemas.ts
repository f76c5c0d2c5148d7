import { z } from 'zod';
import { TLP_LEVELS } from '../../platform/db/schema.ts';

const Distribution = {
  sharingGroupIds: z.array(z.uuid()).max(50).default([]),
  recipientUserIds: z.array(z.uuid()).max(200).default([]),
};

export const CreateNoteBody = z.object({
  ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
  tlp: z.enum(TLP_LEVELS),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(100_000).default(''),
  ...Distribution,
});
export type CreateNoteInput = z.infer<typeof CreateNoteBody>;

export const UpdateNoteBody = z.object({
  tlp: z.enum(TLP_LEVELS).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  body: z.string().max(100_000).optional(),
  sharingGroupIds: z.array(z.uuid()).max(50).optional(),
  recipientUserIds: z.array(z.uuid()).max(200).optional(),
});
export type UpdateNoteInput = z.infer<typeof UpdateNoteBody>;

export const NoteFilter = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  ownerOrgId: z.uuid().optional(),
});
export type NoteFilter = z.infer<typeof NoteFilter>;

export const ListNotesQuery = NoteFilter.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const Note = z
  .object({
    id: z.uuid(),
    ownerOrgId: z.uuid(),
    createdBy: z.uuid(),
    tlp: z.enum(TLP_LEVELS),
    title: z.string(),
    body: z.string(),
    sharingGroupIds: z.array(z.uuid()),
    recipientUserIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Note', description: 'A shared working note, distributed by its TLP 2.0 marking.' });
export type Note = z.infer<typeof Note>;
