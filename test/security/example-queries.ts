import { EXAMPLE_QUERY } from '../../src/server.js';

/** What a real inbox UI sends; the default limits must accept each of these (see the README). */
export const README_QUERY = `query {
  tickets(first: 20, filter: { status: [OPEN, IN_PROGRESS], providers: ["taskip", "daakey"] }) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        subject
        status
        priority
        provider {
          key
        }
        messages {
          edges {
            node {
              body
              authorType
            }
          }
        }
      }
    }
  }
}`;

export const README_MUTATION = `mutation($ticketId: ID!) {
  addMessage(input: { ticketId: $ticketId, body: "Thanks, that fixed it", idempotencyKey: "reply-7f3a" }) {
    __typename
    ... on AddMessageSuccess {
      addedMessage {
        id
        body
        ticket {
          status
        }
      }
    }
    ... on Error {
      message
      code
    }
    ... on ValidationError {
      fieldErrors {
        field
        message
      }
    }
  }
}`;

export const README_MESSAGE_ADDED = `subscription {
  messageAdded(providers: ["daakey", "taskip"]) {
    message {
      body
      authorType
    }
    ticket {
      id
      subject
    }
  }
}`;

export const README_TICKET_CHANGED = `subscription($ticketId: ID!) {
  ticketChanged(ticketId: $ticketId) {
    ticket {
      status
    }
    previousStatus
    changedFields
  }
}`;

/** An inbox page: 50 tickets with what a list shows, and each one's first 3 messages with files. */
export const INBOX_PAGE = `query InboxPage($first: Int = 50, $after: String) {
  tickets(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id
        reference
        subject
        status
        priority
        category
        createdAt
        updatedAt
        lastMessageAt
        unreadCount
        provider { key name }
        requester { name email }
        attachments { id filename url }
        messages(first: 3) {
          totalCount
          edges {
            node {
              id
              body
              authorType
              internal
              createdAt
              author { name email remoteId }
              attachments { id filename mimeType size url }
            }
          }
        }
      }
    }
  }
}`;

export const GRAPHIQL_QUERY = EXAMPLE_QUERY;
