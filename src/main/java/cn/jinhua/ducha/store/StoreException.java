package cn.jinhua.ducha.store;

/** The store cannot do what was asked; the message says why in Chinese and English. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
