// drizzle-kit's settings for the PostgreSQL dialect: `npm run db:generate` writes its migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/pg.ts',
  out: './db/migrations/pg',
});
